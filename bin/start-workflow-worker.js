#!/usr/bin/env node
// Same as `flowy start-workflow-worker ...`.
import { launch } from './launch.js';

await launch(['start-workflow-worker']);
