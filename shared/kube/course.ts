/**
 * The course's Kubernetes manifests (namespace `entenhausen`, exercise 14) as the course prints them,
 * mistakes included: the ServiceAccount and the ClusterRoleBinding lost their indentation (every line at
 * the left margin, blank lines between), and the NodePort Service's `port:` lines stand at the column of
 * the list item instead of under `- protocol: TCP`. The doctor finds and mends each; the files load into
 * the apply editor as they are.
 */
export interface CourseManifest {
  /** The file name the course gives it (or one in its style). */
  file: string;
  text: string;
  /** What the doctor finds in it as printed. */
  flawed: boolean;
}

export const COURSE_NAMESPACE = 'entenhausen';

export const courseManifests: readonly CourseManifest[] = [
  {
    file: 'namespace.yml',
    flawed: false,
    text: `apiVersion: v1
kind: Namespace
metadata:
  name: entenhausen
`,
  },
  {
    file: 'serviceAccount.yml',
    flawed: true,
    text: `apiVersion: v1

kind: ServiceAccount

metadata:

name: donald

namespace: entenhausen
`,
  },
  {
    file: 'clusterRoleBinding.yml',
    flawed: true,
    text: `apiVersion: rbac.authorization.k8s.io/v1

kind: ClusterRoleBinding

metadata:

name: donaldAdminBinding

subjects:

- kind: ServiceAccount

name: donald

namespace: entenhausen

roleRef:

apiGroup: rbac.authorization.k8s.io

kind: ClusterRole
name: cluster-admin
`,
  },
  {
    file: 'nginxDeployment.yml',
    flawed: false,
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  namespace: entenhausen
  labels:
    app: nginx
spec:
  replicas: 5
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
        - name: nginx
          image: nginx
          ports:
            - containerPort: 80
`,
  },
  {
    file: 'ubuntu2Deployment.yml',
    flawed: false,
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ubuntu2-deployment
  namespace: entenhausen
  labels:
    app: ubuntu2
spec:
  replicas: 5
  selector:
    matchLabels:
      app: ubuntu2
  template:
    metadata:
      labels:
        app: ubuntu2
    spec:
      containers:
        - name: ubuntu
          image: ubuntu
          command: ["/bin/bash", "-c", "--"]
          args: ["while true; do sleep 30; done;"]
          ports:
            - containerPort: 80
`,
  },
  {
    file: 'nginxService.yml',
    flawed: true,
    text: `apiVersion: v1
kind: Service
metadata:
   name: nginx-service
   namespace: entenhausen
spec:
   type: NodePort
   selector:
      app: nginx
   ports:
      - protocol: TCP
      port: 80
      targetPort: 80
      nodePort: 30080
`,
  },
  {
    file: 'createDefaultDenyNetworkPolicy.yml',
    flawed: false,
    text: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
   name: default-deny
   namespace: entenhausen
spec:
   podSelector: {}
   policyTypes:
        - Ingress
`,
  },
  {
    file: 'createAllowPodNetworkPolicy.yml',
    flawed: false,
    text: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-pod
  namespace: entenhausen
spec:
  podSelector:
    matchLabels:
      app: nginx
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: ubuntu2
      ports:
        - protocol: TCP
          port: 80
`,
  },
];

/** All of them as one text of several documents, in the order the course applies them. */
export function courseManifestText(): string {
  return courseManifests.map((m) => `# ${m.file}\n${m.text.trimEnd()}\n`).join('---\n');
}
