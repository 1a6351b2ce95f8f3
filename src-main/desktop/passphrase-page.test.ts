import { describe, expect, it } from 'vitest';
import { createDeskText } from './desk-text.js';
import { passphrasePage } from './passphrase-page.js';

/** The words a person reads on the page: its text, without the markup and the style sheet. */
function readable(page: string): string {
  return page.replace(/<style>[\s\S]*?<\/style>/, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
}

describe('the passphrase page', () => {
  it('asks in the desk language, right to left in Arabic, with the minimum counted in its plural', () => {
    const page = passphrasePage({ reason: 'no-keychain', choosing: { minimumLength: 10 } }, createDeskText('ar'));
    expect(page).toContain('<html lang="ar" dir="rtl">');
    expect(readable(page)).toBe(
      'اختر عبارة مرور لهذا المكتب ' +
        'لا يوفّر هذا النظام سلسلة مفاتيح لحفظ مفتاح ذاكرة التخزين المؤقت، لذا تُحمى بعبارة مرور. ' +
        'تُشفّر الرسائل المحفوظة على هذا الحاسوب. لا يمكن استعادتها: من دونها يجب مسح ذاكرة التخزين المؤقت. ' +
        'عبارة المرور (10 أحرف على الأقل) اكتبها مرة أخرى تشفير ذاكرة التخزين المؤقت',
    );
    expect(page).toContain('minlength="10"');
  });

  it('unlocks in German, left to right, and shows the last problem escaped', () => {
    const text = createDeskText('de');
    const page = passphrasePage({ reason: 'protected', choosing: null, problem: `${text.t('passphrase.wrong')} <b>` }, text);
    expect(page).toContain('<html lang="de" dir="ltr">');
    expect(readable(page)).toBe(
      'Diesen Arbeitsplatz entsperren Der Cache dieses Arbeitsplatzes ist durch eine Passphrase geschützt. ' +
        'Diese Passphrase öffnet den Cache dieses Arbeitsplatzes nicht. &#60;b&#62; Passphrase Entsperren',
    );
    expect(page).not.toContain('name="repeated"');
  });
});
