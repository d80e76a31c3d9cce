import {
  Controller,
  Get,
  Inject,
  NotFoundException,
  Param,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { DashboardAssets } from './dashboard-assets.js';

/** The dashboard's URL prefix for its bundled files; security-headers.ts knows it too. */
export const DASHBOARD_ASSETS_PATH = 'dashboard';

/**
 * The dashboard at `/`, and its bundle under `/dashboard/`: the page is revalidated on every
 * load (`no-cache`), the hashed files it names are cached for a year, immutable, since a new
 * build gives them new names.
 */
@ApiExcludeController()
@Controller()
export class DashboardController {
  constructor(@Inject(DashboardAssets) private readonly assets: DashboardAssets) {}

  @Get()
  async page(@Res() res: ServerResponse): Promise<void> {
    const html = await this.assets.index();
    if (!html) {
      throw new ServiceUnavailableException(
        'the dashboard is not built: run npm run build (or node scripts/build-dashboard.mjs)',
      );
    }
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Cache-Control': 'no-cache',
      'Content-Length': html.length,
    });
    res.end(html);
  }

  @Get(`${DASHBOARD_ASSETS_PATH}/:file`)
  async asset(@Param('file') file: string, @Res() res: ServerResponse): Promise<void> {
    const asset = await this.assets.asset(file);
    if (!asset) throw new NotFoundException(`no dashboard file ${file}`);
    res.writeHead(200, {
      'Content-Type': asset.contentType,
      'Cache-Control': 'public, max-age=31536000, immutable',
      'Content-Length': asset.body.length,
    });
    res.end(asset.body);
  }
}
