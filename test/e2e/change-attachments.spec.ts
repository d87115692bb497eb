import { PDFDocument, StandardFonts } from 'pdf-lib';
import { act, as, button, confirm, expectState, openForm } from './change-steps';
import { applyForChange } from './change-flow';
import { expect, test } from './host-fixture';
import { PEOPLE, seedDirectory } from './seed';
import { openApp } from './ui-steps';

test.setTimeout(180_000);
test.use({ actionTimeout: 15_000 });

async function reportPdf(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of ['IT test report, page 1', 'IT test report, page 2']) doc.addPage([595, 842]).drawText(text, { x: 72, y: 760, size: 20, font });
  return Buffer.from(await doc.save());
}

test('attachments: the applicant adds a report, opens it in the program, a too-large file is refused in words, the 受理人 removes it by an event', async ({ page, host }, testInfo) => {
  const shot = (name: string) => page.screenshot({ path: testInfo.outputPath(`${name}-1366x768.png`) });
  await seedDirectory(host);
  await openApp(page, host);

  // 新建变更申请 is disabled, with the service's reason, for someone who may not create a form (§8).
  await as(page, host, PEOPLE.coordinator.username);
  await page.getByRole('navigation', { name: '主导航' }).getByText('变更', { exact: true }).click();
  await expect(button(page, '新建变更申请')).toBeDisabled();
  await page.getByTestId('new-form').focus();
  await expect(page.getByRole('tooltip')).toContainText('须由申请人或部门负责人办理（第8条）');
  await page.getByTestId('new-form').blur();

  await as(page, host, PEOPLE.applicant.username);
  const formNo = await applyForChange(page, '核心系统利率参数调整（附件）', '一般', false);
  await page.getByRole('tab', { name: /附件/ }).click();
  const tab = page.getByTestId('attachments');
  await expect(tab).toContainText('尚无附件');

  // Too large: refused before anything is sent, in words with the limit.
  await page.getByTestId('attachment-file').setInputFiles({ name: '数据库镜像.bak', mimeType: 'application/octet-stream', buffer: Buffer.alloc(21 * 1024 * 1024, 7) });
  await expect(page.getByTestId('attachment-error')).toContainText('超过附件上限 20 MB');

  // The keyboard reaches the file chooser: Tab to the button, Enter. The chooser is awaited
  // before the keys: Playwright turns on its file-chooser interception asynchronously when the
  // first listener is added, and a key pressed at once could open the dialog before that.
  const chooser = page.waitForEvent('filechooser');
  await tab.getByLabel('附件说明').focus();
  await page.keyboard.press('Tab');
  await expect(tab.getByRole('button', { name: /选择文件并添加/ })).toBeFocused();
  await page.keyboard.press('Enter');
  await (await chooser).setFiles([]);

  // A PDF test report: kept, listed, opened in the program's own viewer.
  await tab.getByLabel('附件类别').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="测试报告"]').click();
  await tab.getByLabel('附件说明').fill('测试中心出具');
  await page.getByTestId('attachment-file').setInputFiles({ name: 'IT测试报告.pdf', mimeType: 'application/pdf', buffer: await reportPdf() });
  const row = tab.locator('.ant-table-row').filter({ hasText: 'IT测试报告.pdf' });
  await expect(row).toContainText('测试报告');
  await expect(row).toContainText('张三');
  await expect(page.getByRole('tab', { name: '附件（1）' })).toBeVisible();
  await expect(page.getByTestId('timeline')).toContainText('添加附件：IT测试报告.pdf（测试报告）');
  await shot('change-attachments');
  await row.getByRole('button', { name: /打开/ }).click();
  const viewer = page.getByTestId('pdf-preview');
  await expect(viewer).toHaveAttribute('data-pages', '2');
  await expect(viewer).toHaveAttribute('data-drawing', 'false');
  await viewer.focus();
  await page.keyboard.press('PageDown');
  await expect(viewer).toHaveAttribute('data-page', '2');
  await shot('attachment-opened');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // The 受理人 removes it with a reason (§27): an event; the file stays and still opens.
  await confirm(await act(page, '提交部门审批'));
  await expectState(page, '待部门审批');
  await as(page, host, PEOPLE.coordinator.username);
  await openForm(page, formNo);
  await page.getByRole('tab', { name: /附件/ }).click();
  await row.getByRole('button', { name: /移除/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('移除原因').fill('报告版本有误，请测试中心重新出具');
  await dialog.getByRole('button', { name: /移\s?除/ }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('已移除');
  await expect(row).toContainText('报告版本有误');
  await expect(page.getByTestId('timeline')).toContainText('移除附件：IT测试报告.pdf');
  await expect(row.getByRole('button', { name: /移除/ })).toHaveCount(0);
  await row.getByRole('button', { name: /打开/ }).click();
  await expect(page.getByTestId('pdf-preview')).toHaveAttribute('data-pages', '2');
  await page.keyboard.press('Escape');
  await shot('change-attachment-removed');
});
