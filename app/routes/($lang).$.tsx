/** Any unknown path: the root error boundary renders a translated 404 page. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return null;
}
