import { limitHeapGrowth } from './heap-growth.js';

// server.ts imports this before anything else. Set later (once the app's modules had loaded), the
// limit came too late for the first sizing of the heap: it still rose to 280 MB serving pages.
limitHeapGrowth();
