import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type SchemaObject } from '@nestjs/swagger';

/** Where every service serves Swagger UI; the document itself is at `/docs-json`. */
export const DOCS_PATH = 'docs';

export interface ApiDescription {
  title: string;
  description: string;
  /** Named schemas the controllers' decorators refer to (`$ref: '#/components/schemas/…'`). */
  schemas: Record<string, SchemaObject>;
}

/**
 * A service's OpenAPI document, from its controllers' decorators and its named schemas, served as
 * Swagger UI at /docs and as JSON at /docs-json.
 */
export function setupOpenApi(app: INestApplication, api: ApiDescription): void {
  const config = new DocumentBuilder()
    .setTitle(api.title)
    .setDescription(api.description)
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...api.schemas },
  };
  SwaggerModule.setup(DOCS_PATH, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    // No call to validator.swagger.io: the page works offline and within its CSP.
    swaggerOptions: { validatorUrl: null },
  });
}
