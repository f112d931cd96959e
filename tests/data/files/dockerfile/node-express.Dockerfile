# An Express web app, in the shape of the Node.js "Dockerizing a Node.js web app" guide.
FROM node:20

# Create app directory
WORKDIR /usr/src/app

# Install app dependencies; a wildcard copies both package.json and package-lock.json
COPY package*.json ./

RUN npm install

# Bundle app source
COPY . .

ENV PORT=8080
ENV SESSION_SECRET=kX9vQ2mR7tLw4ZpB8nYc3HfJ

EXPOSE 8080
CMD [ "node", "server.js" ]
