// Common passwords of 10+ characters (shorter ones fail the length rule anyway), from public breach
// top lists, Latin and Cyrillic keyboard walks included. Compared lowercased.
const LIST = `1234567890 0123456789 9876543210 1111111111 0000000000 1234512345 1212121212 1122334455
qwertyuiop asdfghjkl; zxcvbnm123 qwerty1234 qwerty12345 qwerty123456 1qaz2wsx3edc 1q2w3e4r5t 1q2w3e4r5t6y
q1w2e3r4t5 q1w2e3r4t5y6 zaq12wsxcde zaq1xsw2cde3 1qazxsw23edc qazwsxedcrfv qweasdzxc123 asdfghjkl123
password12 password123 password1234 password12345 passw0rd123 p@ssw0rd123 p@ssword123 password!1
iloveyou12 iloveyou123 letmein123 letmeinplease welcome123 welcome1234 changeme123 administrator admin12345
admin123456 football123 baseball123 basketball sunshine123 princess123 monkey12345 dragon12345 trustno1234
superman123 batman12345 master12345 shadow12345 michael123 jennifer123 starwars123 whatever123 computer123
internet123 123qweasdzxc 123456qwerty qwertyuiop123 1234qwerasdf abcdefghij abcdef1234 abc1234567
abcd123456 a1234567890 aa12345678 qwerty0987 samsung123 iphone1234 google1234 facebook123 
йцукенгшщз йцукен1234 йцукенгшщзхъ фывапролдж ячсмитьбю1 пароль1234 пароль12345 парольпароль
qwertyqwerty passwordpassword 123123123123 1234567891 12345678910 123456789a 1234567890a 987654321a
turnrent123 turnrent2026 renta12345`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
