import type { ManifestOptions } from 'vite-plugin-pwa';

export const manifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'TopUp — mobile top-up wallet',
  short_name: 'TopUp',
  description: 'Top up UAE mobile numbers from your wallet, even on a patchy network.',
  lang: 'en',
  dir: 'ltr',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'portrait',
  theme_color: '#0f766e',
  background_color: '#f8fafc',
  categories: ['finance', 'utilities'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/maskable-192.png', sizes: '192x192', type: 'image/png', purpose: 'maskable' },
    { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  screenshots: [
    { src: '/screenshots/home-narrow.png', sizes: '720x1280', type: 'image/png', form_factor: 'narrow', label: 'Wallet balance, monthly usage and beneficiaries' },
    { src: '/screenshots/home-wide.png', sizes: '1280x720', type: 'image/png', form_factor: 'wide', label: 'TopUp on a desktop browser' },
  ],
};

/** /manifest-ar.webmanifest (vite.config.ts): a manifest has one `lang`/`dir`, so one per language (setLocale picks it). */
export const manifestAr: Partial<ManifestOptions> = {
  ...manifest,
  name: 'TopUp — محفظة شحن الجوال',
  description: 'اشحن أرقام الجوال الإماراتية من محفظتك، حتى مع شبكة ضعيفة.',
  lang: 'ar',
  dir: 'rtl',
  screenshots: [
    { src: '/screenshots/home-narrow.png', sizes: '720x1280', type: 'image/png', form_factor: 'narrow', label: 'رصيد المحفظة والاستخدام الشهري والمستفيدون' },
    { src: '/screenshots/home-wide.png', sizes: '1280x720', type: 'image/png', form_factor: 'wide', label: 'TopUp على متصفح الكمبيوتر' },
  ],
};
