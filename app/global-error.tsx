"use client";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="ru">
      <body style={{ fontFamily: "system-ui", padding: 40 }}>
        <h1>Something went wrong / Что-то пошло не так{error.digest ? ` (ref ${error.digest})` : ""}</h1>
        <button type="button" onClick={reset}>Try again / Повторить</button>
      </body>
    </html>
  );
}
