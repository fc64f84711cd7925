"use client";

export default function AuthError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main role="alert" className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-xl font-semibold">Something went wrong / Что-то пошло не так{error.digest ? ` (ref ${error.digest})` : ""}</h1>
      <button type="button" className="mt-4 rounded-md bg-blue-800 px-3 py-1.5 text-sm text-white" onClick={reset}>Try again / Повторить</button>
    </main>
  );
}
