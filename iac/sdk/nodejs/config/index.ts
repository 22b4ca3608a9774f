// The package's configuration module: `import { config } from "@cloudmesh/pulumi"` then `config.endpoint`.

export * from "./vars";
