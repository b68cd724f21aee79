import type { ReactNode } from "react";
import { AppHeader } from "@/components/shell/app-header";
import { UploadEffects } from "@/components/files/upload-effects";
import { UploadRoot } from "@/components/upload/upload-root";
import { requireSessionUser } from "@/lib/auth/server";
import { Providers } from "./providers";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireSessionUser();
  return (
    <Providers>
      <div className="flex min-h-dvh flex-col">
        <AppHeader user={user} />
        <UploadRoot>
          <UploadEffects />
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 outline-none sm:px-6">
            {children}
          </main>
        </UploadRoot>
      </div>
    </Providers>
  );
}
