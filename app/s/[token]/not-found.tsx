import { UnknownLink } from "@/components/share/public-states";

export default function ShareNotFound() {
  return <UnknownLink />;
}
