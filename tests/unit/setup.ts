import { installConsoleGuard } from '../shared/console-guard';

installConsoleGuard();
