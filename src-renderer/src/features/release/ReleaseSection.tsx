import { ProjectSection } from '../golive/ProjectSection';

/** 发布: 附件4《系统发布申请表》, the same engine with its own checklist and articles (§32–§35). */
export function ReleaseSection() {
  return <ProjectSection kind="release" />;
}
