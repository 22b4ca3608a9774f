using CloudMesh.Cli;

// The `cloudmesh` command-line tool; every command is declared in CliCommands.
return await CliCommands.Build().Parse(args).InvokeAsync();
