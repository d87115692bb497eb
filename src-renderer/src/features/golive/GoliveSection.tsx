import { ProjectSection } from './ProjectSection';

/** 上线: 附件2《软件产品上线申请表》 and its preparation, checklist, trial run and acceptance (§28–§31). */
export function GoliveSection() {
  return <ProjectSection kind="golive" />;
}
