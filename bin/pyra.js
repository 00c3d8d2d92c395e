#!/usr/bin/env node
// Entry point. Kept tiny: the dashboard path skips the CLI parser so the first frame comes sooner.
import { main } from '../dist/main.js';
main(process.argv.slice(2));
