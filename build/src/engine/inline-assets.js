export const inlineAssets = null;
