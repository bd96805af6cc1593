/** The non-root user every sandbox process runs as (the image's passwd names it "sandbox"). */
export const SANDBOX_UID = 10001;
export const SANDBOX_GID = 10001;

/** Repository of sandbox image tags; the tag is a hash of the build's inputs. */
export const SANDBOX_IMAGE_REPO = 'assay-sandbox-node';

/**
 * Node version of the offline image (Node 24 LTS). Pinned, not "latest 24":
 * the same code must get the same score, so the runtime changes only when we
 * change this line (and with it the image tag).
 */
export const SANDBOX_NODE_VERSION = '24.21.0';

/** Bump when the offline builder's output changes for the same inputs. */
export const IMAGE_BUILDER_VERSION = 1;

/** Where the image keeps the preloaded probe; the runner sets NODE_OPTIONS to require it. */
export const PROBE_PATH = '/opt/assay/probe.js';

/** The base image of sandboxes/node/Dockerfile; its presence means `docker build` can work. */
export const DOCKERFILE_BASE_IMAGE = 'node:24-slim';
