import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { REGISTRY_SCHEMAS } from '../registry/openapi-schemas.js';

export const DOCS_PATH = 'docs';

/** The fetcher API's OpenAPI document: the feed registry, health and metrics. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('news-ingestion fetcher')
    .setDescription(
      'The feed registry (list, add, pause, resume, delete, OPML, discovery), health and metrics. ' +
        'Bad input is a 400 naming what is wrong.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...REGISTRY_SCHEMAS },
  };
  return document;
}

/** Swagger UI at /docs and the document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    swaggerOptions: { validatorUrl: null },
  });
}
