#!/usr/bin/env node
// Same as `flowy start-activity-worker ...`.
import { launch } from './launch.js';

await launch(['start-activity-worker']);
