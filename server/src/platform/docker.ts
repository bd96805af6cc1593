import Dockerode from 'dockerode';

/** A Docker Engine API client on a local socket. @defaultValue /var/run/docker.sock */
export function createDockerClient(socketPath = '/var/run/docker.sock'): Dockerode {
  return new Dockerode({ socketPath });
}
