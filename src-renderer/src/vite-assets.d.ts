// Vite turns `import x from 'file?url'` into the URL of a file it copies into the build.
declare module '*?url' {
  const url: string;
  export default url;
}
