import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { API_SCHEMAS } from './openapi-schemas.js';

export const DOCS_PATH = 'docs';

/** The storage API's OpenAPI document, from the controllers' decorators and the named schemas. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('news-ingestion storage')
    .setDescription(
      'The searchable archive of parsed articles, its sources, feed health and metrics. ' +
        'Every query parameter is validated: a bad value is a 400 naming it.',
    )
    .setVersion('1')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...API_SCHEMAS },
  };
  return document;
}

/** Swagger UI at /docs and the document at /docs-json. */
export function setupOpenApi(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, buildOpenApiDocument(app), {
    jsonDocumentUrl: `${DOCS_PATH}-json`,
    // No call to validator.swagger.io: the page works offline and within its CSP.
    swaggerOptions: { validatorUrl: null },
  });
}
