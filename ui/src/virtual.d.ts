// The modules that schema-plugin.ts generates at build time.
declare module "virtual:seam-schemas" {
  import type { Schema } from "./form/schema";
  export interface ValidationError {
    instancePath: string;
    keyword: string;
    params: Record<string, unknown>;
    message?: string;
    schemaPath?: string;
  }
  export interface Compiled {
    schema: Schema;
    validate: ((data: unknown) => boolean) & { errors?: ValidationError[] | null };
  }
  export const descriptors: Record<string, { title: string; load: () => Promise<Compiled> }>;
}
