/**
 * English strings: the source of the message keys. Placeholders are `{name}`; every other
 * language must have the same keys and the same placeholders (checked by i18n.test.ts).
 */
export const en = {
  appName: 'Zvonok',
  tagline: 'Video calls in your browser. Media goes straight between you and the people you call.',
  language: 'Language',
  skipToContent: 'Skip to content',

  // Landing
  startCall: 'Start a new call',
  joinHeading: 'Have a link?',
  roomInput: 'Room link or code',
  roomInputPlaceholder: 'Paste a link or code',
  join: 'Join',
  roomInputInvalid: 'That is not a room link or code. Check it and try again.',
  notFoundTitle: 'Nothing here',
  notFoundBody: 'This address is not a call. Start a new one or paste a link.',
  backHome: 'Back to start',

  // Lobby
  lobbyTitle: 'Ready to join?',
  lobbyRoom: 'Room {room}',
  yourName: 'Your name',
  yourNamePlaceholder: 'How others see you',
  cameraPreview: 'Camera preview',
  microphone: 'Microphone',
  camera: 'Camera',
  flipCamera: 'Flip',
  flipCameraHint: 'Switch between the front and back camera',
  chooseCamera: 'Choose camera',
  chooseMicrophone: 'Choose microphone',
  defaultDevice: 'Default',
  deviceFallback: '{kind} {n}',
  roomPassword: 'Room password',
  roomPasswordHint: 'Optional. The first person to join sets it; everyone else needs it.',
  moreOptions: 'More options',
  joinCall: 'Join call',
  joining: 'Joining…',
  startingMedia: 'Starting camera and microphone…',
  tryAgain: 'Try again',
  joinAudioOnly: 'Join with audio only',
  joinWithoutMedia: 'Join without camera or microphone',
  guest: 'Guest',

  // Call
  callHeading: 'Call',
  callTitle: 'In a call ({count})',
  participantsRegion: 'Participants',
  callControls: 'Call controls',
  chat: 'Chat',
  chatUnread: 'Chat, {count} unread',
  participants: 'Participants',
  copyLink: 'Copy link',
  linkCopied: 'Link copied. Send it to the people you want to call.',
  linkCopyManual: 'Copy this link: {url}',
  leaveCall: 'Leave call',
  you: '{name} (you)',
  micOff: 'Microphone off',
  cameraOff: 'Camera off',
  speaking: 'Speaking',
  alone: 'Nobody else is here yet. Copy the link and send it to someone.',
  reconnecting: 'Reconnecting to the server…',
  reconnectingBody: 'Your call continues.',
  reconnectingLong:
    'Your call goes on with the people already here; chat and newcomers wait for the server. If their pictures have stopped too, check your internet connection.',
  peerConnecting: 'Connecting…',
  peerReconnecting: 'Reconnecting…',
  retry: 'Retry',
  retryPeer: 'Retry connecting to {name}',
  peerUnreachable: 'Cannot reach {name}. Their network may block calls; waiting for them.',
  shortcutHint: 'Shortcut: {key}',
  leftTitle: 'You left the call',
  rejoin: 'Rejoin',
  joinedAnnouncement: '{name} joined',
  leftAnnouncement: '{name} left',
  close: 'Close',
  dismiss: 'Dismiss',
  enableSound: 'Tap to turn on sound',

  // Chat
  chatRegion: 'Chat',
  chatEmpty: 'No messages yet. Say hello!',
  message: 'Message',
  messagePlaceholder: 'Write a message',
  send: 'Send',
  sending: 'Sending…',
  newMessageAnnouncement: 'Message from {name}: {text}',

  // Participants panel
  peopleRegion: 'People in the call',
  peopleCount: '{count, plural, one {# person} other {# people}} in the call',

  // Installed app: offline and updates
  offlineTitle: 'You are offline.',
  offlineBody:
    'Starting or joining a call needs an internet connection. Check Wi-Fi or mobile data.',
  updateReady: 'A new version of Zvonok is ready.',
  updateReload: 'Reload',
  updateLater: 'Later',

  // Errors: a title and a way forward for each CallErrorCode
  errPermissionTitle: 'Camera and microphone are blocked',
  errPermissionBody:
    'Allow them for this site: click the camera or lock icon in the address bar, open site settings, set Camera and Microphone to Allow, then try again.',
  errNotFoundTitle: 'No camera or microphone found',
  errNotFoundBody:
    'Connect a device and try again, or join anyway: you can still see, hear and chat.',
  errNoCameraTitle: 'No camera found',
  errNoCameraBody: 'You can join with your microphone only, or connect a camera and try again.',
  errCameraBlockedTitle: 'The camera is blocked',
  errCameraBlockedBody:
    'You can join with your microphone only, or allow the camera in the site settings (camera or lock icon in the address bar) and try again.',
  errBusyTitle: 'Your camera or microphone is in use',
  errBusyBody:
    'Another app or tab is using it. Close the other app, then try again, or join without it.',
  errConstraintsTitle: 'That device is not available',
  errConstraintsBody: 'It may have been unplugged. Try again with the default device.',
  errUnsupportedTitle: 'This browser cannot use a camera here',
  errUnsupportedBody:
    'Calls need a secure (https) connection and an up-to-date browser. You can still join to watch and chat.',
  errMediaFailedTitle: 'The camera or microphone did not start',
  errMediaFailedBody: 'Try again; if it keeps failing, restart the browser.',
  errServerTitle: 'Cannot reach the Zvonok server',
  errServerBody: 'Check your internet connection. We keep retrying; you can also try again now.',
  errRoomFullTitle: 'This call is full',
  errRoomFullBody: 'Wait until someone leaves, then try again, or start a new call.',
  errPasswordRequiredTitle: 'This call has a password',
  errPasswordRequiredBody: 'Enter the room password and join again.',
  errWrongPasswordTitle: 'Wrong password',
  errWrongPasswordBody: 'Check the room password and join again.',
  chatShowEarlier: 'Show earlier messages',
  errTooManyTitle: 'Too many wrong passwords',
  errTooManyBody: 'Wait a minute, then try again.',
  errTooManyJoinsTitle: 'Joining too often',
  errTooManyJoinsBody:
    'You joined and left many times in a row. Wait a few seconds, then try again.',
  errTooManyConnectionsTitle: 'Too many Zvonok tabs on your network',
  errTooManyConnectionsBody:
    'The server takes only so many connections from one network at once. Close Zvonok tabs you no longer need, or wait a minute, then try again.',
  errServerBusyTitle: 'The server is full right now',
  errServerBusyBody: 'It holds as many calls as it can. Try again in a few minutes.',
  errChatRateTitle: 'Sending messages too fast',
  errChatRateBody: 'Your latest messages wait a moment and are sent by themselves.',
  errInvalidInputTitle: 'That name or room is not allowed',
  errInvalidInputBody:
    'Use a shorter name without invisible or special characters, then join again.',
  errReplacedTitle: 'You joined from another tab',
  errReplacedBody:
    'This call continues in your other tab or device. Close this one, or rejoin here.',
  errPeerTitle: 'Someone could not be reached',
  errPeerBody: 'Their network may block direct calls. The call goes on with the others.',
  errRelayTitle: 'The relay cannot be reached',
  errRelayBody:
    'You chose to connect only through the relay, to keep your IP address hidden, but the relay server cannot be reached or refused the connection. Nobody can reach you this way: leave and join again with relay-only off, or ask the operator of this server to check its TURN settings.',
  errTamperedTitle: 'Someone tampered with the call set-up',
  errTamperedBody:
    'The connection details that came through the server were changed on their way, as someone trying to listen in would do. That connection was refused. Leave the call, and before you call again, tell the others through another channel and compare the verification codes.',
  errProtocolTitle: 'The server refused a message',
  errProtocolBody: 'If something looks wrong, leave and rejoin the call.',
  errInvalidStateTitle: 'Something went wrong',
  errInvalidStateBody: 'Reload the page and join again.',
  errUnknownTitle: 'Something went wrong',
  errUnknownBody: 'Try again. If it keeps happening, reload the page.',
} as const;

/** A message key. */
export type MessageKey = keyof typeof en;

/** A dictionary for one language: every key, as a plain string. */
export type Dictionary = Record<MessageKey, string>;
