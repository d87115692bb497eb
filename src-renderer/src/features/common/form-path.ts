/** Where a form of each kind opens: 附件1 under 变更, 附件2 under 上线, 附件4 under 发布, an access record on its page under 上线. */
export function formPath(kind: 'change' | 'golive' | 'release' | 'access' | undefined, formId: string): string {
  switch (kind) {
    case 'golive':
    case 'release':
      return `/${kind}/${formId}`;
    case 'access':
      return `/golive/access?form=${encodeURIComponent(formId)}`;
    default:
      return `/changes/${formId}`;
  }
}
