import { installConsoleGuard } from '../shared/console-guard';

installConsoleGuard();
import { setLocale } from '../../app/i18n';

// The app's words: English, as the tests that read them expect (the app loads the chosen language in main.tsx).
await setLocale('en');
