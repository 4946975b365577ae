using EDTF.Streaming.Cli;

return await CommandDispatcher.RunAsync(args).ConfigureAwait(false);
