import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_OBJECT_BYTES, loadConfig } from '../../functions/shared/config.ts';
import { ConfigError } from '../../functions/shared/errors.ts';

const BASE = { TABLE_NAME: 'articles', BODIES_BUCKET: 'bodies' };

describe('loadConfig', () => {
  it('reads the required names and applies defaults', () => {
    expect(loadConfig(BASE)).toEqual({
      tableName: 'articles',
      bodiesBucket: 'bodies',
      maxObjectBytes: 10_485_760,
      serviceName: 'article-ingest',
      metricsNamespace: 'ArticleIngest',
    });
    expect(DEFAULT_MAX_OBJECT_BYTES).toBe(10_485_760);
  });

  it('reads overrides', () => {
    const c = loadConfig({ ...BASE, MAX_OBJECT_BYTES: '2048', POWERTOOLS_SERVICE_NAME: 'svc', POWERTOOLS_METRICS_NAMESPACE: 'Ns' });
    expect(c).toMatchObject({ maxObjectBytes: 2048, serviceName: 'svc', metricsNamespace: 'Ns' });
  });

  it.each(['TABLE_NAME', 'BODIES_BUCKET'])('names the missing variable %s', (name) => {
    const env: Record<string, string> = { ...BASE };
    delete env[name];
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
    expect(() => loadConfig({ ...BASE, [name]: '  ' })).toThrow(name);
  });

  it.each(['0', '-1', '1.5', '10MB', 'abc'])('rejects MAX_OBJECT_BYTES=%s', (value) => {
    expect(() => loadConfig({ ...BASE, MAX_OBJECT_BYTES: value })).toThrow(/MAX_OBJECT_BYTES/);
  });
});
