// Trunk post-build hook (Trunk.toml), run with TRUNK_STAGING_DIR set: the parts of a split build,
// then the loader, then the service worker, whose shell names them all. In order: Trunk runs the
// hooks of one stage at the same time.
import { writeParts } from './write-parts.mjs';
import { writeLoader } from './write-loader.mjs';
import { writeWorker } from './write-worker.mjs';

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error('scripts/post-build.mjs runs as a Trunk hook (TRUNK_STAGING_DIR)');
const source = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const parts = await writeParts(dir, { source, profile: process.env.TRUNK_PROFILE });
if (parts.length) console.log(`parts: ${parts.length} files`);
console.log(`wrote ${await writeLoader(dir)}`);
console.log(`wrote ${await writeWorker(dir)}`);
