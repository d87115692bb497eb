import type { Ref } from 'react';

/**
 * A file input a button opens (`ref.current.click()`): the browser hands the renderer File
 * objects, never paths, in both doors.
 */
export function HiddenFileInput({ ref, accept, testId, onFile }: { ref: Ref<HTMLInputElement>; accept?: string; testId: string; onFile: (file: File) => void }) {
  return (
    <input
      ref={ref}
      type="file"
      hidden
      // antd's form styles show file inputs (display: block), which beats the hidden attribute.
      style={{ display: 'none' }}
      accept={accept}
      data-testid={testId}
      onChange={(e) => {
        const f = e.target.files?.[0];
        e.target.value = '';
        if (f) onFile(f);
      }}
    />
  );
}
