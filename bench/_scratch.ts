import { engineOverhead } from './engine-overhead';
import { renderConsole } from './support/report';
const s = await engineOverhead({ quick: process.argv.includes('--quick') });
console.log(renderConsole([s]));
