/**
 * Downstream services import the reader, the client factory and the cleaner by package name
 * (README "Reading records from another service"); these are the documented entry points.
 */
import { describe, expect, it } from 'vitest';

describe('package exports', () => {
  it('resolves the documented entry points by package name', async () => {
    const reader = await import('article-ingest/reader');
    const clients = await import('article-ingest/clients');
    const cleaner = await import('article-ingest/cleaner');
    expect(typeof reader.ArticleReader).toBe('function');
    expect(typeof clients.createClients).toBe('function');
    expect(cleaner.clean('Harbour ferry returns after repairs, the operator said on Monday morning.').body).toContain('Harbour');
  });
});
