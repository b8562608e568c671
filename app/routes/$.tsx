export async function loader() {
  throw new Response("Sidan finns inte.", { status: 404 });
}

export default function NotFound() {
  return null;
}
