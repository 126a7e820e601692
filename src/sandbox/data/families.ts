/**
 * The image catalogue the dataset is drawn from: real kernel families with their tags, architectures,
 * accelerators, sizes and the labels Backend.AI kernels carry.
 */

export interface Family {
  project: string;
  name: string;
  tags: string[];
  architectures: string[];
  accelerators: string | null;
  runtime: 'python' | 'app';
  /** Size range in MB. */
  sizeMb: [number, number];
  extraLabels?: Record<string, string>;
  minMem: string;
  servicePorts: string;
  /** Tags whose images are DELETED whatever their position. */
  retiredTags?: string[];
}

const JUPYTER =
  'ipython:pty:3000,jupyter:http:8081,jupyterlab:http:8090,vscode:http:8180,tensorboard:http:6006';

export const FAMILIES: Family[] = [
  {
    project: 'stable',
    name: 'python',
    tags: ['3.9-ubuntu20.04', '3.10-ubuntu22.04', '3.11-ubuntu22.04', '3.12-ubuntu24.04'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'python',
    sizeMb: [400, 1400],
    minMem: '256m',
    servicePorts: 'jupyter:http:8080,jupyterlab:http:8090',
  },
  {
    project: 'stable',
    name: 'pytorch',
    tags: ['1.13-py310-cuda11.7', '2.0-py311-cuda12.1', '2.1-py311-cuda12.1', '2.3-py312-cuda12.4'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [5000, 14000],
    minMem: '1g',
    servicePorts: JUPYTER,
  },
  {
    project: 'stable',
    name: 'tensorflow',
    tags: ['2.13-py311-cuda11.8', '2.15-py311-cuda12.2', '2.16-py312-cuda12.3'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [4000, 11000],
    minMem: '1g',
    servicePorts: JUPYTER,
  },
  {
    project: 'stable',
    name: 'ngc-pytorch',
    tags: ['23.08-py3', '24.01-py3', '24.05-py3'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [15000, 30000],
    minMem: '2g',
    servicePorts: JUPYTER,
    extraLabels: { 'com.nvidia.build.id': '7349345' },
  },
  {
    project: 'stable',
    name: 'ngc-tensorflow',
    tags: ['23.08-tf2-py3', '24.01-tf2-py3'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [12000, 24000],
    minMem: '2g',
    servicePorts: JUPYTER,
  },
  {
    project: 'multiarch',
    name: 'python',
    tags: ['3.10-ubuntu20.04', '3.11-ubuntu22.04'],
    architectures: ['x86_64', 'aarch64'],
    accelerators: null,
    runtime: 'python',
    sizeMb: [300, 1200],
    minMem: '512m',
    servicePorts: 'jupyter:http:8080',
  },
  {
    project: 'multiarch',
    name: 'pytorch',
    tags: ['2.1-py311-cuda12.1'],
    architectures: ['x86_64', 'aarch64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [6000, 12000],
    minMem: '1g',
    servicePorts: JUPYTER,
  },
  {
    project: 'community',
    name: 'ssh',
    tags: ['1.0-ubuntu22.04', 'latest'],
    architectures: ['x86_64', 'aarch64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [100, 250],
    minMem: '256m',
    servicePorts: 'sshd:tcp:2200',
  },
  {
    // A system image for storage operations: `images` lists it only with the "operational" load filter.
    project: 'community',
    name: 'filebrowser',
    tags: ['21.02-ubuntu20.04', '24.03-ubuntu22.04', 'latest'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [120, 400],
    minMem: '256m',
    servicePorts: 'filebrowser:http:8080',
    extraLabels: { 'ai.backend.role': 'SYSTEM', 'ai.backend.features': 'operation uid-match' },
  },
  {
    project: 'community',
    name: 'julia',
    tags: ['1.9-ubuntu22.04', '1.10-ubuntu22.04'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [900, 2600],
    minMem: '1g',
    servicePorts: 'jupyter:http:8080',
  },
  {
    project: 'community',
    name: 'r-base',
    tags: ['4.3-ubuntu22.04'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [700, 1800],
    minMem: '512m',
    servicePorts: 'rstudio:http:8787',
  },
  {
    project: 'stable',
    name: 'vllm',
    tags: ['0.4-py311-cuda12.1', '0.6-py312-cuda12.4'],
    architectures: ['x86_64'],
    accelerators: 'cuda,rocm',
    runtime: 'python',
    sizeMb: [9000, 20000],
    minMem: '4g',
    servicePorts: 'vllm-api:preopen:8000',
  },
];

/** The private registry's own images; only members of the `research` project see them. */
export const PRIVATE_FAMILIES: Family[] = [
  {
    project: 'research',
    name: 'llm-finetune',
    tags: ['0.3-py311-cuda12.1', '0.4-py311-cuda12.4'],
    architectures: ['x86_64'],
    accelerators: 'cuda',
    runtime: 'python',
    sizeMb: [10000, 26000],
    minMem: '8g',
    servicePorts: JUPYTER,
  },
];

/**
 * The partner domain's private registry: open to the partner-lab project only, and its host is not allowed
 * in the demo users' domain, so none of their `image_nodes` scopes reaches these images; a superadmin still
 * lists them with `images`.
 */
export const PARTNER_FAMILIES: Family[] = [
  {
    project: 'lab',
    name: 'fluid-sim',
    tags: ['1.0-ubuntu22.04', '0.9-ubuntu20.04'],
    architectures: ['x86_64'],
    accelerators: null,
    runtime: 'app',
    sizeMb: [800, 1600],
    minMem: '2g',
    servicePorts: 'jupyter:http:8080',
    retiredTags: ['0.9-ubuntu20.04'],
  },
];

export function labelsOf(family: Family, random: () => number): Record<string, string> {
  const labels: Record<string, string> = {
    'ai.backend.kernelspec': '1',
    'ai.backend.features': family.runtime === 'python' ? 'batch query uid-match user-input' : 'uid-match',
    'ai.backend.base-distro': random() < 0.5 ? 'ubuntu22.04' : 'ubuntu20.04',
    'ai.backend.resource.min.cpu': '1',
    'ai.backend.resource.min.mem': family.minMem,
    'ai.backend.service-ports': family.servicePorts,
  };
  if (family.runtime === 'python') {
    labels['ai.backend.runtime-type'] = 'python';
    labels['ai.backend.runtime-path'] = '/usr/bin/python3';
  } else {
    labels['ai.backend.runtime-type'] = 'app';
    labels['ai.backend.runtime-path'] = '/bin/true';
  }
  if (family.accelerators) {
    labels['ai.backend.accelerators'] = family.accelerators;
    labels['ai.backend.resource.min.cuda.device'] = '1';
    labels['ai.backend.resource.min.cuda.shares'] = '0.1';
  }
  return { ...labels, ...family.extraLabels };
}
