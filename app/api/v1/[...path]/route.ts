import { jsonResponse } from "@/lib/api/json";

// Unknown API paths answer in the API's JSON error shape, not with an HTML page.
const notFound = () => jsonResponse({ error: { code: "not_found", message: "No such API route" } }, 404);
export { notFound as GET, notFound as POST, notFound as PATCH, notFound as PUT, notFound as DELETE };
