import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { HashRouter } from 'react-router';
import { AppRoot, startFirstCalls } from './features/shell/AppRoot';
import './styles.css';

dayjs.locale('zh-cn');
startFirstCalls();

const root = document.getElementById('root')!;
createRoot(root).render(
  <StrictMode>
    <ConfigProvider locale={zhCN} theme={{ token: { colorPrimary: '#1f4e8c', borderRadius: 4 } }}>
      <AntApp style={{ height: "100%" }}>
        <HashRouter>
          <AppRoot />
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
