#!/usr/bin/env node
// flowy command line. Loads TypeScript (ours and the user's workflows) directly through tsx.
import { launch } from './launch.js';

await launch([]);
