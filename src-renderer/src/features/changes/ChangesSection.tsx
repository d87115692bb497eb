import { Route, Routes } from 'react-router';
import { ChangeFormPage, NewChangePage } from './ChangeFormPage';
import { ChangeListPage } from './ChangeListPage';

export function ChangesSection() {
  return (
    <Routes>
      <Route index element={<ChangeListPage />} />
      <Route path="new" element={<NewChangePage />} />
      <Route path=":formId" element={<ChangeFormPage />} />
    </Routes>
  );
}
