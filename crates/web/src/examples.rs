//! The example designs of the picker, embedded at build time from `www/examples/`.

pub struct Example {
    pub id: &'static str,
    pub title: &'static str,
    pub text: &'static str,
}

pub const EXAMPLES: &[Example] = &[
    Example {
        id: "shop-web-app",
        title: "Web shop: EC2 + ALB + RDS + Redis + S3/CloudFront (Seoul)",
        text: include_str!("../../../www/examples/shop-web-app.yaml"),
    },
    Example {
        id: "fargate-api",
        title: "API on Fargate behind NAT (N. Virginia)",
        text: include_str!("../../../www/examples/fargate-api.yaml"),
    },
    Example {
        id: "k8s-gpu-inference",
        title: "Kubernetes + GPU inference (N. Virginia)",
        text: include_str!("../../../www/examples/k8s-gpu-inference.yaml"),
    },
    Example {
        id: "multi-env",
        title: "dev / staging / prod variants of one design (Seoul)",
        text: include_str!("../../../www/examples/multi-env.yaml"),
    },
    Example {
        id: "mvp-review",
        title: "An MVP under platform review: policy findings and waivers (Seoul)",
        text: include_str!("../../../www/examples/mvp-review.yaml"),
    },
    Example {
        id: "azure-web",
        title: "Azure: VMs and PostgreSQL behind network security groups (Korea Central)",
        text: include_str!("../../../www/examples/azure-web.yaml"),
    },
    Example {
        id: "gcp-web",
        title: "Google Cloud: instances and Cloud SQL behind tag firewall rules (Seoul)",
        text: include_str!("../../../www/examples/gcp-web.yaml"),
    },
];
