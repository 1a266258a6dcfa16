import { isHttpUrl } from './http-url';

describe('isHttpUrl: what a notification link may be', () => {
  it.each(['https://erp.example/tarefas/1?x=1', 'http://localhost:8080/a', 'HTTPS://ERP.EXAMPLE/'])(
    'accepts %s',
    (url) => expect(isHttpUrl(url)).toBe(true),
  );

  it.each([
    'javascript:alert(document.cookie)',
    ' javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/phish',
    '/relative/path',
    'ftp://files.example/x',
    '',
  ])('refuses %p', (url) => expect(isHttpUrl(url)).toBe(false));
});
