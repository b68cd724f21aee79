import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ForgotPasswordForm } from "@/components/auth/forgot-password-form";
import { passwordResetOffered } from "@/lib/auth/password-reset";

export const metadata: Metadata = { title: "Forgot password" };
export const dynamic = "force-dynamic";

// Offered only when the server can send mail (SMTP_URL and MAIL_FROM) and passwords are in use.
export default function ForgotPasswordPage() {
  if (!passwordResetOffered()) notFound();
  return <ForgotPasswordForm />;
}
