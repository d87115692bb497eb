import { Route, Routes, useLocation } from 'react-router';
import { ChangeFormPage, NewChangePage } from './ChangeFormPage';
import { ChangeListPage } from './ChangeListPage';

/**
 * The 变更 list stays mounted, hidden, while a form is open: opening a form does not tear the
 * table down (and its styles out) only to build it again on the way back, which keeps the
 * click on a form quick at any size of database, and the list keeps its page and filters.
 */
export function ChangesSection() {
  const onList = /^\/changes\/?$/.test(useLocation().pathname);
  return (
    <>
      <Routes>
        <Route index element={null} />
        <Route path="new" element={<NewChangePage />} />
        <Route path=":formId" element={<ChangeFormPage />} />
      </Routes>
      <div hidden={!onList} style={onList ? undefined : { display: 'none' }}>
        <ChangeListPage visible={onList} />
      </div>
    </>
  );
}
