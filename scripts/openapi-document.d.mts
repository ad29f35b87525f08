/** The OpenAPI document as the routes describe it now (scripts/openapi-document.mjs). */
export function generateOpenApiDocument(): Promise<Record<string, unknown>>;
/** Generates the document and writes it to `target`. */
export function writeOpenApiDocument(target: string): Promise<Record<string, unknown>>;
