#!/usr/bin/env node
// Entry for `npx articles`: runs the TypeScript CLI through tsx, so it works right
// after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('./articles.ts');
