import { describe, expect, it } from '@jest/globals';
import { detectLanguage } from './language.js';

const PERSIAN =
  'رئیس‌جمهور روز دوشنبه در سفر به نیویورک گفت که ایران برای گفت‌وگو آماده است، اما این کشور زیر بار ' +
  'فشار نمی‌رود. وی افزود دولت برنامه‌های اقتصادی خود را پیگیری می‌کند و تحریم‌ها نیز مانع پیشرفت نخواهد شد.';
const ARABIC =
  'قال الرئيس الإيراني في كلمته أمام الجمعية العامة للأمم المتحدة إن بلاده مستعدة للحوار، مشيرا إلى أن ' +
  'الحكومة التي يقودها تواصل العمل على تحسين الأوضاع الاقتصادية في ظل العقوبات المفروضة على طهران.';
const ENGLISH =
  'The president told the United Nations General Assembly on Monday that Iran is ready for talks, ' +
  'adding that the government would continue its economic programme despite sanctions.';

describe('detectLanguage', () => {
  it('recognises Persian, Arabic and English paragraphs', () => {
    expect(detectLanguage(PERSIAN)).toBe('fa');
    expect(detectLanguage(ARABIC)).toBe('ar');
    expect(detectLanguage(ENGLISH)).toBe('en');
  });

  it('trusts the text over a wrong declared language', () => {
    expect(detectLanguage(PERSIAN, 'ar')).toBe('fa');
    expect(detectLanguage(ARABIC, 'fa-IR')).toBe('ar');
    expect(detectLanguage(ENGLISH, 'fa')).toBe('en');
  });

  it('recognises Persian typed on an Arabic keyboard (ي ك) and Arabic typed on a Persian one (ی ک)', () => {
    const persianArabicKeyboard = PERSIAN.replace(/ی/g, 'ي').replace(/ک/g, 'ك');
    const arabicPersianKeyboard = ARABIC.replace(/ي/g, 'ی').replace(/ى/g, 'ی').replace(/ك/g, 'ک');
    expect(detectLanguage(persianArabicKeyboard)).toBe('fa');
    expect(detectLanguage(arabicPersianKeyboard)).toBe('ar');
  });

  it('handles short headlines', () => {
    expect(detectLanguage('پزشکیان در نیویورک: ایران آماده گفت‌وگو است')).toBe('fa');
    expect(detectLanguage('الرئيس الإيراني يلقي كلمة في الأمم المتحدة')).toBe('ar');
  });

  it('uses the declared language for another Latin-script language', () => {
    expect(detectLanguage('Le président iranien a déclaré lundi que son pays était prêt', 'fr-FR')).toBe(
      'fr',
    );
    expect(detectLanguage(ENGLISH, 'ru')).toBe('en');
  });

  it('uses the declared language for scripts it does not score', () => {
    expect(detectLanguage('Президент Ирана заявил в понедельник', 'ru')).toBe('ru');
  });

  it('falls back to declared, else fa for Arabic script and en otherwise', () => {
    expect(detectLanguage('', 'FA-ir')).toBe('fa');
    expect(detectLanguage('   ', null)).toBe('en');
    expect(detectLanguage('۱۴۰۴/۰۶/۳۱')).toBe('fa');
    expect(detectLanguage('سلام', 'ar')).toBe('ar'); // no evidence either way → the declared tie-breaker
    expect(detectLanguage('سلام')).toBe('fa');
  });

  it('always returns two lower-case letters', () => {
    for (const [text, declared] of [
      ['x', 'english'],
      ['', 'zh-Hant'],
      ['123', undefined],
    ] as const) {
      expect(detectLanguage(text, declared)).toMatch(/^[a-z]{2}$/);
    }
  });
});
