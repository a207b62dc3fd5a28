/** Benchmark target 1, the HTTP ceiling: bare restify answering POST /api/messages with a fixed body. */
import restify from 'restify';

const BODY = { activities: [{ type: 'message', text: 'ok' }] };
const server = restify.createServer();
server.use(restify.plugins.bodyParser());
server.post('/api/messages', (_req: restify.Request, res: restify.Response, next: restify.Next) => {
  res.send(200, BODY);
  next();
});
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
