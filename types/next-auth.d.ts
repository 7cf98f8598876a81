import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { uid?: number; email?: string | null; name?: string | null };
  }
  interface User {
    demoRole?: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    uid?: number;
  }
}
