export { UploadButton, type UploadButtonProps } from "./upload-button";
export { UploadDropzone, type UploadDropzoneProps } from "./upload-dropzone";
export { UploadPanel, type UploadPanelProps } from "./upload-panel";
export {
  UploadProvider,
  useUploadActions,
  useUploadEvents,
  useUploadQueue,
  useUploads,
  useUploadState,
  type UploadActions,
  type UploadProviderProps,
} from "./upload-provider";
export { UploadRoot } from "./upload-root";
