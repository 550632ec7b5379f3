/** Registry and repository names: where each image goes. Pure. */

/** Where image `key` goes: the repository itself for a single image, `repository/key` for several. */
export function repositoryFor(repository: string, key: string, imageCount: number): string {
  return imageCount > 1 ? `${repository}/${key}` : repository;
}

/** The registry host of an image reference (`docker.io` when it names none). */
export function registryOf(image: string): string {
  const first = image.split('/')[0];
  return image.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost')
    ? first
    : 'docker.io';
}

/** Applies the `registry` override: replaces the registry host of `image`, or prefixes it when absent. */
export function withRegistry(image: string, registry: string | undefined): string {
  if (!registry) return image;
  const hasHost = registryOf(image) !== 'docker.io' || image.startsWith('docker.io/');
  const rest = hasHost ? image.slice(image.indexOf('/') + 1) : image;
  return `${registry.replace(/\/+$/, '')}/${rest}`;
}
