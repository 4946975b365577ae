using EDTF.Streaming.Cli;

using var shutdown = new ShutdownSignal();
return await EdtfCommandLine.InvokeAsync(args, shutdown.Token).ConfigureAwait(false);
